/**
 * The parts of Microsoft's manifest XSDs (OfficeAppManifestV1_1, MailAppVersionOverridesV1_0/1_1,
 * OfficeAppBasicTypesV1_0) that cover the elements Vouch uses: each parent's xs:sequence, in
 * order, with the children that must be present. Elements outside this table are reported as
 * unknown rather than silently accepted, so a new element means a new row here.
 */

export const NS = {
  officeApp: "http://schemas.microsoft.com/office/appforoffice/1.1",
  basicTypes: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  overrides10: "http://schemas.microsoft.com/office/mailappversionoverrides",
  overrides11: "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
} as const;

export interface Sequence {
  /** Allowed children, in the order the schema requires. */
  order: readonly string[];
  /** Children with minOccurs="1". */
  required: readonly string[];
}

const seq = (order: readonly string[], required: readonly string[] = []): Sequence => ({
  order,
  required,
});

/**
 * Keyed by "Element" or "Element:xsiType" where the type decides the content (Control, Action,
 * ExtensionPoint). The OfficeApp row is the base sequence followed by the MailApp extension.
 */
export const SEQUENCES: Record<string, Sequence> = {
  "OfficeApp:MailApp": seq(
    [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "FormSettings",
      "Permissions",
      "Rule",
      "DisableEntityHighlighting",
      "VersionOverrides",
    ],
    [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "FormSettings",
      "Rule",
    ],
  ),
  AppDomains: seq(["AppDomain"]),
  Hosts: seq(["Host"], ["Host"]),
  Requirements: seq(["Sets", "Methods"]),
  Sets: seq(["Set"], ["Set"]),
  FormSettings: seq(["Form"], ["Form"]),
  "Form:ItemRead": seq(["DesktopSettings", "TabletSettings", "PhoneSettings"], ["DesktopSettings"]),
  DesktopSettings: seq(
    ["SourceLocation", "RequestedHeight"],
    ["SourceLocation", "RequestedHeight"],
  ),
  "Rule:RuleCollection": seq(["Rule"], ["Rule"]),
  "VersionOverrides:VersionOverridesV1_0": seq([
    "Description",
    "Requirements",
    "Hosts",
    "Resources",
    "VersionOverrides",
  ]),
  "VersionOverrides:VersionOverridesV1_1": seq([
    "Description",
    "Requirements",
    "Hosts",
    "Resources",
  ]),
  "Host:MailHost": seq(["DesktopFormFactor", "MobileFormFactor"]),
  DesktopFormFactor: seq(
    ["SupportsSharedFolders", "FunctionFile", "ExtensionPoint"],
    ["ExtensionPoint"],
  ),
  MobileFormFactor: seq(["FunctionFile", "ExtensionPoint"], ["ExtensionPoint"]),
  "ExtensionPoint:MessageReadCommandSurface": seq(["OfficeTab", "CustomTab"]),
  "ExtensionPoint:MobileMessageReadCommandSurface": seq(["Group"], ["Group"]),
  OfficeTab: seq(["Group"], ["Group"]),
  Group: seq(["Label", "Control"], ["Label", "Control"]),
  "Control:Button": seq(
    ["Label", "Supertip", "Icon", "Action"],
    ["Label", "Supertip", "Icon", "Action"],
  ),
  "Control:MobileButton": seq(["Label", "Icon", "Action"], ["Label", "Icon", "Action"]),
  Supertip: seq(["Title", "Description"], ["Title", "Description"]),
  Icon: seq(["Image"], ["Image"]),
  "Action:ShowTaskpane": seq(["SourceLocation", "SupportsPinning"], ["SourceLocation"]),
  "Action:ExecuteFunction": seq(["FunctionName"], ["FunctionName"]),
  Resources: seq(["Images", "Urls", "ShortStrings", "LongStrings"]),
  Images: seq(["Image"]),
  Urls: seq(["Url"]),
  ShortStrings: seq(["String"]),
  LongStrings: seq(["String"]),
  // A LocaleAwareSetting (DisplayName, Description) and a bt:String carry one Override per locale.
  DisplayName: seq(["Override"]),
  Description: seq(["Override"]),
  String: seq(["Override"]),
};

/** Elements with text or attributes only. */
export const LEAVES = new Set([
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomain",
  "Host",
  "Set",
  "SourceLocation",
  "RequestedHeight",
  "Permissions",
  "Rule",
  "DisableEntityHighlighting",
  "SupportsSharedFolders",
  "FunctionFile",
  "Label",
  "Title",
  "Image",
  "SupportsPinning",
  "FunctionName",
  "Url",
  "String",
  "Override",
]);

/** Inside VersionOverrides, these live in the basic-types namespace (the `bt:` prefix). */
export const BASIC_TYPE_ELEMENTS = new Set([
  "Sets",
  "Set",
  "Image",
  "Images",
  "Urls",
  "Url",
  "ShortStrings",
  "LongStrings",
  "String",
  "Override",
]);

/** Where a `resid` must point, by the element that carries it. */
export const RESID_KIND: Record<string, "Images" | "Urls" | "ShortStrings" | "LongStrings"> = {
  Image: "Images",
  SourceLocation: "Urls",
  FunctionFile: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
};

export const LIMITS = {
  id: 32,
  shortString: 125,
  longString: 250,
  url: 2048,
  manifestBytes: 256 * 1024,
} as const;

/** Ribbon icons need these sizes; mobile icons need each size at scales 1, 2 and 3. */
export const REQUIRED_RIBBON_SIZES = [16, 32, 80] as const;
export const REQUIRED_MOBILE_SIZES = [25, 32, 48] as const;
export const REQUIRED_MOBILE_SCALES = [1, 2, 3] as const;
export const ALLOWED_RIBBON_SIZES: readonly number[] = [16, 20, 24, 32, 40, 48, 64, 80];
export const ALLOWED_MOBILE_SIZES: readonly number[] = [25, 32, 48];
export const ICON_URL_SIZE = 64;
export const HIGH_RESOLUTION_ICON_URL_SIZE = 128;
